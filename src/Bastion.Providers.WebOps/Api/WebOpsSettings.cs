namespace Bastion.Providers.WebOps.Api;

/// <summary>
/// Where WebOps is and how to sign in, from the caller's vault: <c>webops/url</c>, and <c>webops/token</c> (an API token,
/// sent as <c>Authorization: Bearer</c>) and/or <c>webops/username</c> + <c>webops/password</c> (Django session login).
/// </summary>
internal sealed record WebOpsSettings(Uri BaseUrl, string? Token, string? Username, string? Password)
{
    /// <summary>What to store so that Bastion can reach WebOps, for messages.</summary>
    public const string SetupHint =
        $"Store the control panel's address as {WebOpsVault.Url} (e.g. `bastion vault set {WebOpsVault.Url}`, value https://webops.example.org) and either " +
        $"{WebOpsVault.Username} + {WebOpsVault.Password} (a WebOps user without two-factor login) or {WebOpsVault.Token} (an API token; WebOps's own views accept " +
        "only session login at the version Bastion was built against, so a token alone may not be enough).";

    /// <summary>True when a session login is possible.</summary>
    public bool CanLogIn => Username is { Length: > 0 } && Password is { Length: > 0 };

    /// <summary>The settings in <paramref name="credentials"/>; null when WebOps is not configured.</summary>
    /// <exception cref="PlatformException"><c>webops/url</c> is not an absolute http(s) URL.</exception>
    public static WebOpsSettings? Read(PlatformCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Get(WebOpsVault.Url) is not { Length: > 0 } url)
        {
            return null;
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Query.Length > 0)
        {
            throw new PlatformException(WebOpsClient.Platform, $"{WebOpsVault.Url} must be the control panel's base address, e.g. https://webops.example.org (http or https, no query).");
        }

        var settings = new WebOpsSettings(
            new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/"),
            credentials.Get(WebOpsVault.Token) is { Length: > 0 } token ? token.Trim() : null,
            credentials.Get(WebOpsVault.Username),
            credentials.Get(WebOpsVault.Password));
        return settings.Token is null && !settings.CanLogIn ? null : settings;
    }
}
