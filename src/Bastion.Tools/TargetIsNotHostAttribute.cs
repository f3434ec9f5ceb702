namespace Bastion.Tools;

/// <summary>
/// Marks a tool whose <c>target</c> argument names something other than hosts (e.g. WebOps's scan target,
/// <c>system</c> or a deployment): the call pipeline then resolves no hosts from it. Read from the tool's metadata,
/// never from its name. It does not show in <c>tools/list</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class TargetIsNotHostAttribute : Attribute;
