using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Bastion.Core.Audit.Shipping;

/// <summary>
/// Ships entries to a syslog receiver: RFC 5424 messages over TCP (RFC 6587) or TLS (RFC 5425), octet-counting framing
/// (<c>LENGTH SP MESSAGE</c>). Each message: facility 13 (log audit), severity 6 (informational), APP-NAME
/// <c>bastion</c>, MSGID <c>audit</c>, structured data <c>[bastion@32473 seq="N" hash="…" tenant="…"]</c>, and the
/// entry's JSON line as MSG. TLS checks the receiver's certificate against its host name and the system's roots plus
/// <see cref="ShippingOptions.SyslogCaFile"/>.
/// </summary>
public sealed class SyslogSink(Uri receiver, string? caFile, int capacity) : AuditSink("syslog", capacity)
{
    private static readonly string Host = Environment.MachineName;
    private static readonly int ProcessId = Environment.ProcessId;
    private TcpClient? _client;
    private Stream? _stream;

    /// <inheritdoc/>
    protected override async Task SendAsync(IReadOnlyList<ShippedEntry> batch, CancellationToken cancellationToken)
    {
        var stream = _stream ?? await ConnectAsync(cancellationToken);
        var buffer = new MemoryStream();
        foreach (var entry in batch)
        {
            var message = Encoding.UTF8.GetBytes(Format(entry));
            buffer.Write(Encoding.ASCII.GetBytes(message.Length.ToString(CultureInfo.InvariantCulture) + " "));
            buffer.Write(message);
        }

        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The RFC 5424 message of <paramref name="entry"/> (without its frame).</summary>
    public static string Format(ShippedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var tenant = entry.Tenant is null ? string.Empty : $" tenant=\"{Escape(entry.Tenant)}\"";
        return string.Create(CultureInfo.InvariantCulture,
            $"<110>1 {entry.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'} {Host} bastion {ProcessId} audit [bastion@32473 seq=\"{entry.Seq}\" hash=\"{entry.Hash}\"{tenant}] {entry.Line}");
    }

    /// <inheritdoc/>
    protected override async ValueTask ResetAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }

        _client?.Dispose();
        (_stream, _client) = (null, null);
    }

    private async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                await client.ConnectAsync(receiver.Host, receiver.Port, timeout.Token);
            }

            Stream stream = client.GetStream();
            if (receiver.Scheme == "tls")
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                var options = new SslClientAuthenticationOptions { TargetHost = receiver.Host };
                if (caFile is not null)
                {
                    var roots = new X509Certificate2Collection();
                    roots.ImportFromPemFile(caFile);
                    options.CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust };
                    options.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
                }

                await tls.AuthenticateAsClientAsync(options, cancellationToken);
                stream = tls;
            }

            (_client, _stream) = (client, stream);
            return stream;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}
