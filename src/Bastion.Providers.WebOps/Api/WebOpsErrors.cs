using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Core;

namespace Bastion.Providers.WebOps.Api;

/// <summary>
/// Turns WebOps's refusals into sentences. Its views answer errors as flat JSON, <c>{"error": "Deployment x not found"}</c>
/// (sometimes with <c>message</c>); its error handlers as <c>{"error": true, "message": "…"}</c>; Django itself as HTML
/// pages (CSRF failures, 404 and 500 pages, empty 405s).
/// </summary>
internal static partial class WebOpsErrors
{
    /// <summary>The caller is not signed in to WebOps; <paramref name="why"/> says what happened and what to store.</summary>
    public static PlatformException NotAuthenticated(string why, int? status = null) =>
        new(WebOpsClient.Platform, "not authenticated: " + why, status);

    /// <summary>An error for an answer that is not what the route promises.</summary>
    public static PlatformException Of(WebOpsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var where = $"{answer.Method} {answer.Path}";
        var text = MessageOf(answer);
        return answer.Status switch
        {
            >= 300 and < 400 => new PlatformException(WebOpsClient.Platform, $"{where} redirected to {answer.Location?.AbsolutePath ?? "nowhere"} (HTTP {answer.Status}) instead of answering; is webops/url the control panel's address?", answer.Status),
            404 when !answer.IsJson => new PlatformException(WebOpsClient.Platform, $"{where} does not exist here (HTTP 404, an HTML page): this WebOps may be another version, or webops/url has a wrong path.", 404),
            405 => new PlatformException(WebOpsClient.Platform, $"{where} is not allowed (HTTP 405): this WebOps's routes differ from the ones Bastion knows.", 405),
            429 => PlatformException.Refused(WebOpsClient.Platform, $"rate limited (HTTP 429){RetryAfter(answer)}; nothing was done.", 429),
            >= 500 => PlatformException.Refused(WebOpsClient.Platform, $"{where} failed on the server (HTTP {answer.Status}){(text is null ? string.Empty : ": " + text)}.", answer.Status),
            _ => PlatformException.Refused(WebOpsClient.Platform, $"{text ?? "refused"} (HTTP {answer.Status}, {where}).", answer.Status),
        };
    }

    /// <summary>An error for a success status whose body is not JSON.</summary>
    public static PlatformException NotJson(WebOpsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new PlatformException(WebOpsClient.Platform,
            $"{answer.Method} {answer.Path} answered with {(answer.MediaType is "text/html" ? "an HTML page" : $"'{answer.MediaType ?? "no media type"}'")} instead of JSON (HTTP {answer.Status}): is webops/url the WebOps control panel's base address?",
            answer.Status);
    }

    /// <summary>The message in WebOps's error body, or the heading of an HTML page; null when there is none.</summary>
    public static string? MessageOf(WebOpsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.IsJson)
        {
            try
            {
                using var document = JsonDocument.Parse(answer.Body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                    var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    var text = error is null ? message : message is null || message == error ? error : $"{error}: {message}";
                    return text is null ? null : Limits.Clip(text, 500);
                }
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return HeadingPattern().Match(answer.Body) is { Success: true } heading ? Limits.Clip(TagPattern().Replace(heading.Groups[1].Value, string.Empty).Trim(), 200) : null;
    }

    /// <summary>The reason Django's CSRF failure page gives, e.g. "CSRF token missing.".</summary>
    public static string CsrfReason(WebOpsAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return CsrfReasonPattern().Match(answer.Body) is { Success: true } m ? Limits.Clip(m.Groups[1].Value.Trim(), 200) : "no reason given";
    }

    private static string RetryAfter(WebOpsAnswer answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.TryGetProperty("retry_after", out var r) && r.TryGetInt32(out var seconds) ? $"; try again in {seconds} s" : string.Empty;
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }

    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"<[^>]+>", RegexOptions.None, 1000)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"Reason given for failure:\s*(?:</p>\s*)?(?:<pre>)?\s*([^<\r\n]+)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex CsrfReasonPattern();
}
