using System.Globalization;

namespace Bastion.Providers.WebOps.Api;

/// <summary>
/// A Django session Bastion signed in with, as kept in the vault under <see cref="WebOpsVault.Session"/> so that the next
/// process reuses it instead of logging in again (each login costs two of the panel's 20 requests a minute). Bound to
/// the control panel's address and the user it was issued to; a value for another address or user, an expired one or
/// one in another format is ignored. Text form: <c>v1 URL USER SESSIONID CSRFTOKEN EXPIRES</c> (user escaped, expiry
/// in Unix seconds, 0 when the cookie gave none).
/// </summary>
internal sealed record WebOpsSession(string SessionId, string CsrfToken, DateTimeOffset? Expires)
{
    private const string Version = "v1";

    /// <summary>The vault value for this session issued by <paramref name="settings"/>'s panel to its user.</summary>
    public string Format(WebOpsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var expires = Expires?.ToUnixTimeSeconds() ?? 0;
        return string.Create(CultureInfo.InvariantCulture, $"{Version} {settings.BaseUrl} {Uri.EscapeDataString(settings.Username ?? string.Empty)} {SessionId} {CsrfToken} {expires}");
    }

    /// <summary>The session in <paramref name="value"/> when it was issued by <paramref name="settings"/>'s panel to its
    /// user and has not expired by <paramref name="now"/>; otherwise null.</summary>
    public static WebOpsSession? Read(string? value, WebOpsSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var parts = value?.Split(' ');
        if (parts is not [Version, var url, var user, var session, var csrf, var expiresText]
            || url != settings.BaseUrl.ToString()
            || Uri.UnescapeDataString(user) != (settings.Username ?? string.Empty)
            || session.Length == 0 || csrf.Length == 0
            || !long.TryParse(expiresText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return null;
        }

        DateTimeOffset? expires = seconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(seconds);
        return expires <= now ? null : new WebOpsSession(session, csrf, expires);
    }
}
