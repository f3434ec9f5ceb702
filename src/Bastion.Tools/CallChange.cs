namespace Bastion.Tools;

/// <summary>A call that changes things and is confirmed, as <see cref="CallRiskAttribute"/> describes it.</summary>
/// <param name="Action">What runs, in words, for the plan and the confirmation question (e.g. "call CloudStack's stopVirtualMachine with id=…"); null: the tool and its arguments, as for any destructive tool.</param>
/// <param name="Risk">Why confirmation is asked, in a sentence; null: the destructive annotation's reason.</param>
public sealed record CallChange(string? Action, string? Risk)
{
    /// <summary>Confirmed as any tool annotated destructive is: the plan shows the tool and its arguments, and the annotation is the reason.</summary>
    public static CallChange AsAnnotated { get; } = new(null, null);
}
