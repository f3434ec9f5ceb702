using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Bastion.Mcp.Catalog;

/// <summary>
/// A JSON property's attributes, read from metadata once. Making a tool's schemas asks each property of its argument and
/// result types for a dozen attribute kinds in turn ([Description] and the data annotations), and in the Native AOT
/// build each such question resolves every attribute of the property by name again: profiled, half of the CPU from
/// spawn to the first <c>tools/list</c> answer. Here each property's attributes are instantiated once; a kind it does not
/// carry is answered with that kind's empty array, and only a kind it carries is asked of the metadata (so callers still
/// get an array of that attribute type, as from reflection).
/// </summary>
internal sealed class CachedAttributes(ICustomAttributeProvider inner) : ICustomAttributeProvider
{
    // The empty answer for each attribute kind (an array of that type), asked of the metadata once per kind.
    private static readonly ConcurrentDictionary<(Type, bool), object[]> Empty = new();

    private object[]? _declared;
    private object[]? _inherited;

    /// <summary>Wraps the attribute provider of every property of every type the options resolve.</summary>
    public static void Modify(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider is { } provider and not CachedAttributes)
            {
                property.AttributeProvider = new CachedAttributes(provider);
            }
        }
    }

    public object[] GetCustomAttributes(bool inherit) =>
        inherit ? _inherited ??= inner.GetCustomAttributes(true) : _declared ??= inner.GetCustomAttributes(false);

    public object[] GetCustomAttributes(Type attributeType, bool inherit)
    {
        ArgumentNullException.ThrowIfNull(attributeType);
        return IsDefined(attributeType, inherit)
            ? inner.GetCustomAttributes(attributeType, inherit)
            : Empty.GetOrAdd((attributeType, inherit), key => inner.GetCustomAttributes(key.Item1, key.Item2));
    }

    public bool IsDefined(Type attributeType, bool inherit)
    {
        ArgumentNullException.ThrowIfNull(attributeType);
        return Array.Exists(GetCustomAttributes(inherit), attributeType.IsInstanceOfType);
    }
}
