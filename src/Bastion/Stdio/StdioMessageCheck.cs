using System.Text.Json;

namespace Bastion.Stdio;

/// <summary>
/// What the stdio transport must refuse before the SDK sees a line, because the SDK would drop it without an answer
/// and leave the client waiting: text that is not JSON (-32700), and a message that is not an object or whose
/// <c>id</c> is neither a string nor an integer within 64-bit range, e.g. <c>18446744073709551616</c> or <c>1e400</c>
/// (-32600). JSON-RPC 2.0 §5: when the id cannot be read, the error's id is null.
/// </summary>
internal static class StdioMessageCheck
{
    /// <summary>JSON-RPC's parse error.</summary>
    public const int ParseError = -32700;

    /// <summary>JSON-RPC's invalid request.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>The error to answer <paramref name="line"/> with (code and message), or null to pass it on.</summary>
    public static (int Code, string Message)? Problem(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                return (ParseError, "Parse error: more than one JSON value on one line; send one JSON-RPC message per line.");
            }

            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return null;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (InvalidRequest, "Invalid Request: a message must be a JSON object.");
            }

            if (root.TryGetProperty("id", out var id) && !(id.ValueKind == JsonValueKind.String || (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out _))))
            {
                return (InvalidRequest, "Invalid Request: the id must be a string or an integer from -9223372036854775808 to 9223372036854775807.");
            }

            return null;
        }
        catch (JsonException)
        {
            return (ParseError, "Parse error: the line is not valid JSON; send one JSON-RPC message per line.");
        }
    }

    /// <summary>A JSON-RPC error line with a null id.</summary>
    public static byte[] ErrorLine(int code, string message) =>
        System.Text.Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{{\"code\":{code},\"message\":{JsonSerializer.Serialize(message, StdioJson.Default.String)}}}}}\n");
}
