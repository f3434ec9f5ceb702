using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bastion.Core.Tests.Audit;

/// <summary>What a test receiver got: the seq, hash and JSON line of each shipped entry, in arrival order.</summary>
internal sealed record Received(long Seq, string Hash, string Line);

/// <summary>A syslog receiver on loopback (TCP, or TLS with a self-signed certificate): reads octet-counted RFC 5424 frames.</summary>
internal sealed partial class SyslogReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2? _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Received> _received = [];
    private readonly List<string> _messages = [];
    private readonly Task _accept;

    public SyslogReceiver(bool tls, string? caFile = null)
    {
        if (tls)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
            File.WriteAllText(caFile!, _certificate.ExportCertificatePem());
        }

        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accept = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public IReadOnlyList<Received> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_received)
            {
                return [.. _messages];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _certificate?.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(Task.Run(() => ReadAsync(client)));
            }
        }
        finally
        {
            await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task ReadAsync(TcpClient client)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            if (_certificate is not null)
            {
                var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(_certificate);
                stream = tls;
            }

            await using (stream)
            using (_stop.Token.Register(client.Dispose))
            {
                try
                {
                    while (true)
                    {
                        var length = new StringBuilder();
                        int b;
                        while ((b = await ReadByteAsync(stream)) != ' ')
                        {
                            if (b < 0)
                            {
                                return;
                            }

                            length.Append((char)b);
                        }

                        var message = new byte[int.Parse(length.ToString(), System.Globalization.CultureInfo.InvariantCulture)];
                        await stream.ReadExactlyAsync(message, _stop.Token);
                        var text = Encoding.UTF8.GetString(message);
                        var match = Frame().Match(text);
                        lock (_received)
                        {
                            _messages.Add(text);
                            _received.Add(new Received(long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value, match.Groups[3].Value));
                        }
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or EndOfStreamException)
                {
                }
            }
        }
    }

    private async Task<int> ReadByteAsync(Stream stream)
    {
        var one = new byte[1];
        return await stream.ReadAsync(one, _stop.Token) == 0 ? -1 : one[0];
    }

    [GeneratedRegex("""^<110>1 \S+ \S+ bastion \d+ audit \[bastion@32473 seq="(\d+)" hash="([0-9a-f]{64})"[^\]]*\] (.*)$""", RegexOptions.Singleline)]
    private static partial Regex Frame();
}

/// <summary>An OTLP/HTTP (JSON) logs receiver on loopback: decodes each ExportLogsServiceRequest into its records.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<Received> _received = [];
    private readonly Task _serve;

    public OtlpReceiver()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serve = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}/v1/logs");

    public List<string> ContentTypes { get; } = [];

    public IReadOnlyList<Received> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serve;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            using var document = await JsonDocument.ParseAsync(context.Request.InputStream);
            lock (_received)
            {
                ContentTypes.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.ContentType}");
                foreach (var record in document.RootElement.GetProperty("resourceLogs")[0].GetProperty("scopeLogs")[0].GetProperty("logRecords").EnumerateArray())
                {
                    var attributes = record.GetProperty("attributes").EnumerateArray().ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value"));
                    _received.Add(new Received(
                        long.Parse(attributes["bastion.audit.seq"].GetProperty("intValue").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                        attributes["bastion.audit.hash"].GetProperty("stringValue").GetString()!,
                        record.GetProperty("body").GetProperty("stringValue").GetString()!));
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync("{}"u8.ToArray());
            context.Response.Close();
        }
    }
}
