using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A loopback HTTP receiver (HttpListener on 127.0.0.1) that keeps the JSON bodies POSTed to it.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<JsonElement> _bodies = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/hooks/T000/secret-token-{Guid.NewGuid():N}";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public List<JsonElement> Received { get; } = [];

    /// <summary>The next body, or an exception after 20 s without one.</summary>
    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var body = await _bodies.Reader.ReadAsync(timeout.Token);
        Received.Add(body);
        return body;
    }

    /// <summary>Bodies that arrived and were not taken with <see cref="NextAsync"/>.</summary>
    public int Pending => _bodies.Reader.Count;

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var text = await reader.ReadToEndAsync();
                _bodies.Writer.TryWrite(JsonDocument.Parse(text).RootElement.Clone());
            }

            context.Response.StatusCode = context.Request.HttpMethod == "POST" && context.Request.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true ? 200 : 400;
            context.Response.Close();
        }
    }
}
