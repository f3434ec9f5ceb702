namespace Bastion.Http.Auth;

/// <summary>The <c>WWW-Authenticate</c> value of a 401 (placeholder until the auth work lands).</summary>
internal static class BearerChallenge
{
    public static string Create(Uri resourceMetadata, string? error) =>
        error is null
            ? $"Bearer resource_metadata=\"{resourceMetadata}\""
            : $"Bearer resource_metadata=\"{resourceMetadata}\", error=\"invalid_token\", error_description=\"{error.Replace("\"", "'", StringComparison.Ordinal)}\"";
}
