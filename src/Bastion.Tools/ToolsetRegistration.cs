using System.Diagnostics.CodeAnalysis;

namespace Bastion.Tools;

/// <summary>Marks a toolset class as served: the catalogue makes tools of every registered one, in registration order.</summary>
/// <param name="type">The toolset class; its public methods and constructors are kept by the trimmer (the catalogue reflects over its tool methods).</param>
public sealed class ToolsetRegistration([DynamicallyAccessedMembers(ToolsetRegistration.Members)] Type type)
{
    /// <summary>What the Native AOT build keeps of a toolset class: its tool methods and the constructor DI calls.</summary>
    public const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors;

    /// <summary>The toolset class.</summary>
    [DynamicallyAccessedMembers(Members)]
    public Type Type { get; } = type;
}
