namespace Bastion.Providers.CloudStack.Api;

/// <summary>
/// A logged-in session: the <c>JSESSIONID</c> cookie and the <c>sessionkey</c> every call must carry, the settings it was
/// made with (a changed vault value means a new login) and when it was last used. Holds secrets: never log one.
/// </summary>
internal sealed class CloudStackSession(CloudStackSettings settings, string sessionKey, string sessionCookie, TimeSpan lifetime, long lastUsed)
{
    /// <summary>The settings the login used.</summary>
    public CloudStackSettings Settings { get; } = settings;

    /// <summary>The <c>sessionkey</c> from the login answer.</summary>
    public string SessionKey { get; } = sessionKey;

    /// <summary>The <c>JSESSIONID</c> cookie's value.</summary>
    public string SessionCookie { get; } = sessionCookie;

    /// <summary>How long the server keeps an idle session (its <c>timeout</c>).</summary>
    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>Timestamp (<see cref="TimeProvider.GetTimestamp"/>) of the last call in this session.</summary>
    public long LastUsed { get; private set; } = lastUsed;

    /// <summary>True when the session was made with <paramref name="current"/> and is not about to expire.</summary>
    public bool Fits(CloudStackSettings current, TimeProvider clock) =>
        Settings == current && clock.GetElapsedTime(LastUsed) < Lifetime * 0.9;

    /// <summary>Notes a call.</summary>
    public void Touch(TimeProvider clock) => LastUsed = clock.GetTimestamp();

    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"session at {Settings.Endpoint.Host}";
}
