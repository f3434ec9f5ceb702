using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;

namespace Bastion.Providers;

/// <summary>
/// Keeps a platform answer whose shape the platform does not document (Cloudways settings, graphs, analytics) within a
/// size a model can read: every array is cut to a number of items, and the whole answer to a number of characters.
/// </summary>
public static class JsonBounds
{
    /// <summary>Characters of JSON kept of one raw answer (64 KiB).</summary>
    public const int MaxChars = 64 * 1024;

    /// <summary><paramref name="element"/> with every array cut to <paramref name="maxItems"/> items; whether anything was cut.</summary>
    public static (JsonElement Value, bool Truncated) Cut(JsonElement element, int maxItems)
    {
        var node = JsonNode.Parse(element.GetRawText());
        var truncated = CutArrays(node, maxItems);
        var value = JsonSerializer.SerializeToElement(node, CommonJson.Default.JsonNode);
        if (value.GetRawText().Length > MaxChars)
        {
            // Too large even so: hand back the beginning as text rather than half a document.
            var text = value.GetRawText();
            return (JsonSerializer.SerializeToElement($"{text[..MaxChars]}…[{text.Length - MaxChars} more characters]", CommonJson.Default.String), true);
        }

        return (value, truncated);
    }

    private static bool CutArrays(JsonNode? node, int maxItems)
    {
        var truncated = false;
        switch (node)
        {
            case JsonArray array:
                while (array.Count > maxItems)
                {
                    array.RemoveAt(array.Count - 1);
                    truncated = true;
                }

                foreach (var item in array)
                {
                    truncated |= CutArrays(item, maxItems);
                }

                break;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    truncated |= CutArrays(child, maxItems);
                }

                break;
        }

        return truncated;
    }
}
