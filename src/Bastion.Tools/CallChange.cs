namespace Bastion.Tools;

/// <summary>A call that changes things, as <see cref="CallRiskAttribute"/> describes it.</summary>
/// <param name="Action">What runs, in words, for the plan and the confirmation question (e.g. "call CloudStack's stopVirtualMachine with id=…").</param>
/// <param name="Risk">Why confirmation is asked, in a sentence.</param>
public sealed record CallChange(string Action, string Risk);
