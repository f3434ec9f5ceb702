namespace Bastion.Tools;

/// <summary>Marks a toolset class as served: the catalogue makes tools of every registered one, in registration order.</summary>
public sealed record ToolsetRegistration(Type Type);
