namespace Bastion.Core.Progress;

/// <summary>One step of a long operation, as it is reported while it runs (e.g. each look at a platform job).</summary>
/// <param name="Step">The step's number, from 1.</param>
/// <param name="Message">What the step found, e.g. <c>job 9f1e… (stopVirtualMachine): pending</c>.</param>
/// <param name="Total">How many steps there will be, when known.</param>
public sealed record StepProgress(double Step, string Message, double? Total = null);
