using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bastion.Core.History;

/// <summary>
/// Writes a <see cref="HistoryPoint"/> as the pair <c>[unix_time, value]</c> (Unix seconds, then the value), the shape
/// Prometheus gives its range points: a day of six series is 576 points, and the pair carries each in about half the
/// bytes (and a model's tokens) of an object with named members. Reads the same pair; anything else is a
/// <see cref="JsonException"/> that says what was expected.
/// </summary>
public sealed class HistoryPointJsonConverter : JsonConverter<HistoryPoint>, IDescribedJsonConverter
{
    /// <summary>
    /// The JSON Schema of the pair: an array of exactly two items, an integer (the step's start, Unix seconds, UTC) and a
    /// number (the mean in the series' unit).
    /// </summary>
    public JsonObject Schema() => new()
    {
        ["description"] = "[unix_time, value]: start of the step (Unix seconds, UTC) and the mean of its samples in the series' unit.",
        ["type"] = "array",
        ["prefixItems"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "number" }),
        ["minItems"] = 2,
        ["maxItems"] = 2,
    };

    /// <inheritdoc/>
    public override HistoryPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray
            && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var unixTime)
            && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value)
            && reader.Read() && reader.TokenType == JsonTokenType.EndArray)
        {
            return new HistoryPoint(unixTime, value);
        }

        throw new JsonException("A history point is a pair [unix_time, value]: an integer (Unix seconds) and a number.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, HistoryPoint value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        writer.WriteNumberValue(value.UnixTime);
        writer.WriteNumberValue(value.Value);
        writer.WriteEndArray();
    }
}
