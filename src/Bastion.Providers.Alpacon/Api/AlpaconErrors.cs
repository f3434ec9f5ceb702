using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>Turns Alpacon's error answers (<c>{"detail","code"}</c> or field errors <c>{"field":["msg"]}</c>) into sentences.</summary>
internal static class AlpaconErrors
{
    /// <summary>The platform's name in every message.</summary>
    public const string Platform = "Alpacon";

    /// <summary>A <see cref="PlatformException"/> for a non-2xx answer; never holds the token.</summary>
    public static PlatformException From(AlpaconWorkspace workspace, HttpMethod method, string path, HttpResponseMessage response, string body)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var detail = Detail(body);
        var call = $"{method} {path}";
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized =>
                $"workspace '{workspace.Name}' refused the API token ({detail}). Store a valid token with 'bastion vault set alpacon/{workspace.Name}/token'.",
            HttpStatusCode.Forbidden =>
                $"permission denied in workspace '{workspace.Name}' for {call} ({detail}). The token's ACLs in Alpacon decide this; a workspace administrator can grant it.",
            HttpStatusCode.NotFound =>
                $"not found in workspace '{workspace.Name}': {call} ({detail}).",
            HttpStatusCode.TooManyRequests =>
                $"workspace '{workspace.Name}' is rate limiting calls{RetryAfter(response)} ({detail}).",
            _ when status >= 500 =>
                $"workspace '{workspace.Name}' failed with HTTP {status} on {call} ({detail}); try again shortly.",
            _ => $"workspace '{workspace.Name}' rejected {call} with HTTP {status}: {detail}.",
        };
        return PlatformException.Refused(Platform, message, status);
    }

    /// <summary>What the error body says, in one line.</summary>
    public static string Detail(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "no details given";
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
                {
                    return root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                        ? $"{detail.GetString()} [{code.GetString()}]"
                        : detail.GetString()!;
                }

                var fields = root.EnumerateObject().Select(p => $"{p.Name}: {Flatten(p.Value)}").ToList();
                return fields.Count > 0 ? Core.Limits.Clip(string.Join("; ", fields), 500) : "no details given";
            }

            return Core.Limits.Clip(Flatten(root), 500);
        }
        catch (JsonException)
        {
            return "a non-JSON answer";
        }
    }

    private static string Flatten(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(" ", value.EnumerateArray().Select(Flatten)),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Object => string.Join("; ", value.EnumerateObject().Select(p => $"{p.Name}: {Flatten(p.Value)}")),
        _ => value.GetRawText(),
    };

    private static string RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta
            ? $"; retry after {delta.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s"
            : string.Empty;
}
