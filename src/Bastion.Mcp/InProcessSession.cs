using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp;

/// <summary>
/// A Bastion server and an MCP client joined by in-memory pipes, so the CLI and tests speak the whole protocol,
/// through the same pipeline as a desktop client, without a process or a socket.
/// </summary>
public sealed class InProcessSession : IAsyncDisposable
{
    private readonly McpServer _server;
    private readonly Task _serverRun;
    private readonly CancellationTokenSource _stop = new();

    private InProcessSession(McpServer server, McpClient client)
    {
        _server = server;
        Client = client;
        _serverRun = server.RunAsync(_stop.Token);
    }

    /// <summary>The connected client.</summary>
    public McpClient Client { get; private set; }

    /// <summary>Starts a server with <paramref name="services"/> and connects a client to it.</summary>
    public static async Task<InProcessSession> StartAsync(IServiceProvider services, CancellationToken cancellationToken, McpClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Pipe toServer = new(), toClient = new();
        var loggers = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
        var server = McpServer.Create(
            new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream(), BastionServer.Name, loggers),
            BastionServer.CreateOptions(services),
            loggers,
            services);
        var session = new InProcessSession(server, null!);
        session.Client = await McpClient.CreateAsync(
            new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream(), loggers),
            clientOptions ?? new McpClientOptions { ClientInfo = new Implementation { Name = "bastion-cli", Version = BastionServer.Version } },
            loggers,
            cancellationToken);
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await _serverRun;
        }
        catch (OperationCanceledException)
        {
        }

        await _server.DisposeAsync();
        _stop.Dispose();
    }
}
