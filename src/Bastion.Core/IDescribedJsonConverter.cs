using System.Text.Json.Nodes;

namespace Bastion.Core;

/// <summary>
/// A JSON converter whose written shape is not its type's members (a pair instead of an object, say) and that gives the
/// JSON Schema of that shape: schema exporters cannot see through a converter and describe its type as "anything".
/// Tool output schemas take this schema in place of theirs.
/// </summary>
public interface IDescribedJsonConverter
{
    /// <summary>A fresh JSON Schema of what the converter writes.</summary>
    JsonObject Schema();
}
