using System.Text.Json;
using Bastion.Core;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// Turns a Cloudways refusal into a sentence a person (or a model) can act on: the status, the platform's own words
/// (<c>message</c>, <c>error_description</c>, <c>error</c>, or a 422 field map of <c>{code, message}</c> lists), and
/// what to do. Never quotes a credential or a token.
/// </summary>
internal static class CloudwaysErrors
{
    private const int MaxReasonChars = 300;

    /// <summary>The platform's reason for <paramref name="answer"/>, in its own words, clipped.</summary>
    public static string Reason(CloudwaysAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var reason = answer.Json is { ValueKind: JsonValueKind.Object } body ? FromObject(body) : null;
        reason ??= Limits.FirstLine(answer.Text.Length == 0 ? "no error message" : answer.Text);
        return Limits.Clip(reason, MaxReasonChars);
    }

    /// <summary>The exception for a call Cloudways did not carry out.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="call">What was called, e.g. "POST /server/restart" (no parameters).</param>
    /// <param name="mode">How the call was authenticated, for the advice on 401 and 403.</param>
    public static PlatformException For(CloudwaysAnswer answer, string call, CloudwaysAuthMode mode)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var reason = Reason(answer);
        var message = answer.Status switch
        {
            >= 200 and < 300 when answer.Json is null =>
                $"{call} answered with text instead of JSON (\"{reason}\"): this API version probably does not know the path. Check {CloudwaysVault.Url} (the default is {CloudwaysVault.DefaultUrl}; the v2 API lives at https://api.cloudways.com/api/v2).",
            >= 200 and < 300 => $"{call} did not succeed: {reason}.",
            400 => $"{call} was refused as a bad request (400): {reason}.",
            401 when mode == CloudwaysAuthMode.AccessToken =>
                $"the access token was refused (401: {reason}); it expired or was revoked. Create a new one in Cloudways (API Integration) and set it with `bastion vault set {CloudwaysVault.AccessToken}`.",
            401 => $"{call} was refused even with a newly issued access token (401: {reason}). Check the account's API access, or the key with `bastion vault set {CloudwaysVault.ApiKey}`.",
            403 when mode == CloudwaysAuthMode.AccessToken =>
                $"{call} is forbidden (403: {reason}). The access token's role is probably too narrow: READ tokens cannot start, stop or restart servers or change anything; use a LIMITED or FULL ACCESS token.",
            403 => $"{call} is forbidden (403: {reason}): this account may not do that to this resource.",
            404 => $"{call} found nothing (404: {reason}); check the server and app ids (cloudways_list servers).",
            422 => $"{call} was rejected (422): {reason}.",
            429 => $"{call} hit the rate limit (429: {reason}); Cloudways allows about 100 calls a minute. Try again in a minute.",
            >= 500 => $"{call} failed on Cloudways' side ({answer.Status}: {reason}); try again later.",
            _ => $"{call} was refused ({answer.Status}: {reason}).",
        };
        return PlatformException.Refused(CloudwaysApi.Platform, message, answer.Status);
    }

    private static string? FromObject(JsonElement body)
    {
        foreach (var key in new[] { "message", "error_description", "error", "msg" })
        {
            if (body.TryGetProperty(key, out var value))
            {
                if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                {
                    return text;
                }

                if (value.ValueKind == JsonValueKind.Object && FromObject(value) is { } nested)
                {
                    return nested;
                }
            }
        }

        // A 422 body: field → [{code, message}] (or field → ["message"]).
        var fields = body.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0)
            .Select(p => $"{p.Name}: {string.Join(" ", p.Value.EnumerateArray().Select(FieldMessage))}")
            .ToList();
        return fields.Count > 0 ? string.Join("; ", fields) : null;
    }

    private static string FieldMessage(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => item.GetString() ?? string.Empty,
        JsonValueKind.Object when item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String =>
            item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? $"{m.GetString()} ({c.GetString()})" : m.GetString()!,
        _ => item.GetRawText(),
    };
}
