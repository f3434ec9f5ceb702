namespace Bastion.Core.Execution;

/// <summary>How a runner takes part in running its local process.</summary>
/// <param name="FirstStderrLine">Offered the first line of stderr; when it returns true the line is consumed and is not part
/// of the result (the SSH runner's remote process-group marker), otherwise it stays.</param>
/// <param name="BeforeKill">Runs on timeout or cancellation, before the local process tree is killed.</param>
public sealed record ProcessHooks(Func<string, bool>? FirstStderrLine = null, Func<Task>? BeforeKill = null);
