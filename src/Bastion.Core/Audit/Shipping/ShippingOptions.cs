namespace Bastion.Core.Audit.Shipping;

/// <summary>
/// Where audit entries are shipped as they are written, besides the local chain (which stays authoritative): syslog
/// (RFC 5424 over TCP or TLS, octet-counting framing) and OpenTelemetry logs (OTLP/HTTP, JSON encoding).
/// </summary>
public sealed class ShippingOptions
{
    /// <summary>The environment variable of <see cref="Syslog"/>: <c>tcp://HOST:PORT</c> or <c>tls://HOST:PORT</c>.</summary>
    public const string SyslogVariable = "BASTION_AUDIT_SYSLOG";

    /// <summary>The environment variable of <see cref="SyslogCaFile"/>: a PEM file of the CA (or self-signed certificate) to trust.</summary>
    public const string SyslogCaVariable = "BASTION_AUDIT_SYSLOG_CA";

    /// <summary>The environment variable of <see cref="Otlp"/>: the OTLP/HTTP logs endpoint, e.g. <c>http://127.0.0.1:4318/v1/logs</c>.</summary>
    public const string OtlpVariable = "BASTION_AUDIT_OTLP";

    /// <summary>The environment variable of <see cref="BufferEntries"/>: a whole number of entries.</summary>
    public const string BufferVariable = "BASTION_AUDIT_SHIP_BUFFER";

    /// <summary>The default <see cref="BufferEntries"/>: 10,000 entries (about 6 MB at 600 bytes an entry).</summary>
    public const int DefaultBufferEntries = 10_000;

    /// <summary>The syslog receiver: <c>tcp://HOST:PORT</c> (plain) or <c>tls://HOST:PORT</c> (TLS, the host name checked against its certificate); null: none.</summary>
    public Uri? Syslog { get; init; }

    /// <summary>A PEM certificate trusted as the syslog receiver's root, in addition to the system's; null: the system's roots only.</summary>
    public string? SyslogCaFile { get; init; }

    /// <summary>The OTLP/HTTP logs endpoint (<c>http</c> or <c>https</c>), posted <c>ExportLogsServiceRequest</c> JSON; null: none.</summary>
    public Uri? Otlp { get; init; }

    /// <summary>Entries each receiver may fall behind by before new ones are dropped (and counted); at least 1.</summary>
    public int BufferEntries { get; init; } = DefaultBufferEntries;

    /// <summary>Whether any receiver is set.</summary>
    public bool Any => Syslog is not null || Otlp is not null;

    /// <summary>Reads the options from the environment; null when no receiver is set (unset, empty or <c>off</c>).</summary>
    /// <exception cref="BastionException">A value is not accepted; the message says what is.</exception>
    public static ShippingOptions? From(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var syslog = Off(environment(SyslogVariable));
        var otlp = Off(environment(OtlpVariable));
        if (string.IsNullOrWhiteSpace(syslog) && string.IsNullOrWhiteSpace(otlp))
        {
            return null;
        }

        var buffer = environment(BufferVariable);
        return new ShippingOptions
        {
            Syslog = string.IsNullOrWhiteSpace(syslog) ? null
                : Uri.TryCreate(syslog.Trim(), UriKind.Absolute, out var s) && s.Scheme is "tcp" or "tls" && s.Port > 0 && s.AbsolutePath == "/" ? s
                : throw new BastionException($"{SyslogVariable} '{syslog}' is not a syslog receiver. Accepted: tcp://HOST:PORT or tls://HOST:PORT (RFC 5424 over TCP, octet-counting framing)."),
            SyslogCaFile = environment(SyslogCaVariable) is { Length: > 0 } ca ? ca : null,
            Otlp = string.IsNullOrWhiteSpace(otlp) ? null
                : Uri.TryCreate(otlp.Trim(), UriKind.Absolute, out var o) && o.Scheme is "http" or "https" ? o
                : throw new BastionException($"{OtlpVariable} '{otlp}' is not an OTLP/HTTP logs endpoint. Accepted: an http or https URL, e.g. http://127.0.0.1:4318/v1/logs."),
            BufferEntries = string.IsNullOrWhiteSpace(buffer) ? DefaultBufferEntries
                : int.TryParse(buffer, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : throw new BastionException($"{BufferVariable} '{buffer}' is not accepted: a whole number of entries, at least 1 (default {DefaultBufferEntries})."),
        };
    }

    private static string? Off(string? value) => value?.Trim().Equals("off", StringComparison.OrdinalIgnoreCase) == true ? null : value;
}
