using System.Text;

namespace Bastion.Http.Auth;

/// <summary>
/// The <c>WWW-Authenticate</c> header value of a 401 or 403 answer (RFC 6750 §3, with RFC 9728's
/// <c>resource_metadata</c>, which tells an MCP client where to learn how to get a token).
/// </summary>
/// <remarks>
/// Parameter values are quoted strings: a <c>"</c> or <c>\</c> in the metadata URL is escaped with a backslash. An
/// <c>error_description</c> keeps to the characters RFC 6750 allows there (printable ASCII less <c>"</c> and <c>\</c>):
/// <c>"</c> becomes <c>'</c>, <c>\</c> becomes <c>/</c>, anything else outside becomes <c>?</c>; so no value can end the
/// quoted string early or break the header line.
/// </remarks>
public static class BearerChallenge
{
    /// <summary>For a request without a token: <c>Bearer resource_metadata="…"</c>.</summary>
    /// <param name="resourceMetadataUrl">Where the metadata is, from <see cref="ProtectedResourceMetadata.MetadataUrl"/>.</param>
    public static string MissingToken(string resourceMetadataUrl) => Build(resourceMetadataUrl, null, null, null);

    /// <summary>
    /// For a token that was refused (401):
    /// <c>Bearer resource_metadata="…", error="invalid_token", error_description="…"</c>.
    /// </summary>
    /// <param name="resourceMetadataUrl">Where the metadata is.</param>
    /// <param name="description">Why, e.g. <see cref="AuthResult.Error"/>; never the token.</param>
    public static string InvalidToken(string resourceMetadataUrl, string description) =>
        Build(resourceMetadataUrl, "invalid_token", description, null);

    /// <summary>
    /// For a valid token that lacks a scope (403):
    /// <c>Bearer resource_metadata="…", error="insufficient_scope", scope="…", error_description="…"</c>.
    /// </summary>
    /// <param name="resourceMetadataUrl">Where the metadata is.</param>
    /// <param name="scope">The scopes needed, space-separated.</param>
    /// <param name="description">What was refused.</param>
    public static string InsufficientScope(string resourceMetadataUrl, string scope, string description) =>
        Build(resourceMetadataUrl, "insufficient_scope", description, scope);

    private static string Build(string resourceMetadataUrl, string? error, string? description, string? scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceMetadataUrl);
        var header = new StringBuilder("Bearer resource_metadata=\"").Append(Quoted(resourceMetadataUrl)).Append('"');
        if (error is not null)
        {
            header.Append(", error=\"").Append(error).Append('"');
        }

        if (scope is not null)
        {
            header.Append(", scope=\"").Append(Described(scope)).Append('"');
        }

        if (description is not null)
        {
            header.Append(", error_description=\"").Append(Described(description)).Append('"');
        }

        return header.ToString();
    }

    /// <summary>A quoted-string's content (RFC 9110 §5.6.4): <c>"</c> and <c>\</c> escaped; characters a header cannot hold become <c>?</c>.</summary>
    private static string Quoted(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else
            {
                text.Append(c is >= ' ' and <= '~' ? c : '?');
            }
        }

        return text.ToString();
    }

    /// <summary>Text limited to RFC 6750's characters for <c>error_description</c> and <c>scope</c>.</summary>
    private static string Described(string value) =>
        string.Create(value.Length, value, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] switch
                {
                    '"' => '\'',
                    '\\' => '/',
                    >= ' ' and <= '~' and var c => c,
                    _ => '?',
                };
            }
        });
}
