using Bastion.Core.Configuration;
using Bastion.Mcp;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Bastion.Http.Tests.Observability;

/// <summary>A Bastion server (read-only, own data directory) and an SDK client over in-memory pipes, as stdio clients see it.</summary>
internal sealed class InProcessBastion : IAsyncDisposable
{
    private readonly string _data;
    private readonly ServiceProvider _services;
    private readonly InProcessSession _session;

    private InProcessBastion(string data, ServiceProvider services, InProcessSession session) =>
        (_data, _services, _session) = (data, services, session);

    public McpClient Client => _session.Client;

    public IServiceProvider Services => _services;

    public static async Task<InProcessBastion> StartAsync()
    {
        var data = Directory.CreateTempSubdirectory("bastion-obs-").FullName;
        var services = new ServiceCollection().AddBastion(new BastionOptions { Paths = new BastionPaths(data) }).BuildServiceProvider();
        return new InProcessBastion(data, services, await InProcessSession.StartAsync(services, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
