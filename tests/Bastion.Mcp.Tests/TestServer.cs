using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Bastion.Mcp.Tests;

/// <summary>A server with its own data directory and options, and a client over in-memory pipes; disposed together.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly InProcessSession _session;

    private TestServer(string data, ServiceProvider services, InProcessSession session)
    {
        DataDirectory = data;
        _services = services;
        _session = session;
    }

    public string DataDirectory { get; }

    public McpClient Client => _session.Client;

    public IServiceProvider Services => _services;

    public static async Task<TestServer> StartAsync(
        Mode mode = Mode.ReadOnly,
        IReadOnlySet<string>? scopes = null,
        Func<BastionOptions, BastionOptions>? configure = null,
        TimeProvider? clock = null,
        McpClientOptions? client = null,
        string? policy = null,
        Action<IServiceCollection>? services = null)
    {
        var data = Directory.CreateTempSubdirectory("bastion-test-").FullName;
        if (policy is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(data, "policy.yaml"), policy);
        }

        var options = new BastionOptions { Paths = new BastionPaths(data), Mode = mode, Scopes = scopes };
        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        services?.Invoke(collection);

        var provider = collection.AddBastion(configure?.Invoke(options) ?? options).BuildServiceProvider();
        var session = await InProcessSession.StartAsync(provider, CancellationToken.None, client);
        return new TestServer(data, provider, session);
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
