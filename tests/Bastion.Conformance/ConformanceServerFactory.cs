using Bastion.Core.Policy;
using Bastion.Http.Transport;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace Bastion.Conformance;

/// <summary>Every session, whoever opens it, runs with the same options; the tools need no services.</summary>
internal sealed class ConformanceServerFactory(McpServerOptions options) : IMcpServerFactory
{
    private readonly McpServerSetup _setup = new(options, new ServiceCollection().BuildServiceProvider());

    public McpServerSetup For(Principal? principal) => _setup;
}
