using Bastion.Core;

namespace Bastion.Providers;

/// <summary>
/// A hosting platform refused or failed a call. The message says which platform, what it answered (its own error
/// code and text) and what to do; it never holds a credential or a token. Tools report it as a tool error.
/// </summary>
public sealed class PlatformException : BastionException
{
    /// <param name="platform">The platform's name, e.g. <c>CloudStack</c>.</param>
    /// <param name="message">The sentence for the caller.</param>
    /// <param name="status">The HTTP status, when there was an answer.</param>
    /// <param name="transient">True when trying again later may succeed (5xx, timeouts, rate limits).</param>
    public PlatformException(string platform, string message, int? status = null, bool transient = false)
        : base($"{platform}: {message}")
    {
        Platform = platform;
        Status = status;
        Transient = transient;
    }

    /// <summary>
    /// The platform answered <paramref name="status"/> and did not do what was asked; transient when the status is (see
    /// <see cref="PlatformHttp.IsTransient(int)"/>), so each provider keeps only its own words for the refusal.
    /// </summary>
    public static PlatformException Refused(string platform, string message, int status) =>
        new(platform, message, status, PlatformHttp.IsTransient(status));

    public PlatformException() { }

    public PlatformException(string message) : base(message) { }

    public PlatformException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The platform that answered.</summary>
    public string Platform { get; } = string.Empty;

    /// <summary>The HTTP status of the answer; null when none came (timeout, connection refused).</summary>
    public int? Status { get; }

    /// <summary>True when a retry may succeed.</summary>
    public bool Transient { get; }
}
