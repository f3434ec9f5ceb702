namespace Bastion.Tools;

/// <summary>
/// Marks a tool that copies between Bastion's machine and one host, and names its two path arguments. The transfer
/// precheck reads it from the tool's metadata (never from its name) to resolve both paths before anyone is asked to
/// confirm. It does not show in <c>tools/list</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TransfersFileAttribute : Attribute
{
    /// <summary>The argument holding the absolute path on the host.</summary>
    public required string Remote { get; init; }

    /// <summary>The argument holding the absolute path on Bastion's machine.</summary>
    public required string Local { get; init; }
}
