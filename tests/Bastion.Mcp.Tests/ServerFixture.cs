using Bastion.Core.Configuration;
using Bastion.Core.Logs;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Bastion.Mcp.Tests;

/// <summary>One Bastion server and a real SDK client over in-memory pipes, shared by a test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private ServiceProvider? _services;
    private InProcessSession? _session;

    public McpClient Client => _session?.Client ?? throw new InvalidOperationException("Not started.");

    /// <summary>A folder the logs tools may read besides /var/log, holding <c>app.log</c> with three lines, and the data directory.</summary>
    public string LogRoot { get; } = Directory.CreateTempSubdirectory("bastion-mcp-logs-").FullName;

    public async Task InitializeAsync()
    {
        File.WriteAllLines(Path.Combine(LogRoot, "app.log"), ["started", "warning: disk 91% full", "ready"]);
        var options = new BastionOptions
        {
            Paths = new BastionPaths(Path.Combine(LogRoot, "data")),
            Logs = new LogsOptions { AllowedRoots = ["/var/log", LogRoot] },
        };
        _services = new ServiceCollection().AddBastion(options).BuildServiceProvider();
        _session = await InProcessSession.StartAsync(_services, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Directory.Delete(LogRoot, recursive: true);
    }
}
