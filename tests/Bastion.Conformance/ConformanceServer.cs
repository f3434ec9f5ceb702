using System.Reflection;
using Bastion.Conformance.Prompts;
using Bastion.Conformance.Resources;
using Bastion.Conformance.Tools;
using Bastion.Conformance.Utilities;
using Bastion.Http;
using Bastion.Http.Observability;
using Bastion.Http.RateLimiting;
using Bastion.Http.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance;

/// <summary>
/// The conformance server: Bastion's Streamable HTTP endpoint (<see cref="McpHttpServer"/>, unchanged: Host/Origin
/// guard, sessions, SSE answers) in front of an MCP server holding the "everything" set of tools, resources, prompts,
/// completions and logging that the official conformance suite's server scenarios call by name. No authentication
/// (loopback only) and no rate limits, so the suite measures the protocol and nothing else.
/// </summary>
internal static class ConformanceServer
{
    /// <summary>Builds the application listening on 127.0.0.1:<paramref name="port"/> (0: any free port).</summary>
    public static WebApplication Build(int port, LogLevel logLevel)
    {
        var options = new HttpServerOptions
        {
            Listen = new Uri($"http://127.0.0.1:{port}"),
            RateLimit = new RateLimitOptions { PerPrincipal = null, PerTenant = null },
        };
        return McpHttpServer.Build(
            options,
            services => services
                .AddSingleton<IMcpServerFactory>(new ConformanceServerFactory(CreateOptions()))
                .AddSingleton(new ReadinessProbe(new Dictionary<string, string>())),
            logging => logging.SetMinimumLevel(logLevel).AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
    }

    /// <summary>The MCP server options every session runs with.</summary>
    public static McpServerOptions CreateOptions()
    {
        var tools = new McpServerPrimitiveCollection<McpServerTool>();
        foreach (var type in new[] { typeof(ContentTools), typeof(ExecutionTools), typeof(ClientRequestTools), typeof(InputRequiredTools) })
        {
            foreach (var method in Annotated<McpServerToolAttribute>(type))
            {
                tools.Add(McpServerTool.Create(method, target: null));
            }
        }

        tools.Add(SchemaTools.Create());

        var prompts = new McpServerPrimitiveCollection<McpServerPrompt>();
        foreach (var method in new[] { typeof(ConformancePrompts), typeof(InputRequiredPrompt) }.SelectMany(Annotated<McpServerPromptAttribute>))
        {
            prompts.Add(McpServerPrompt.Create(method, target: null));
        }

        var resources = new McpServerResourceCollection();
        foreach (var method in Annotated<McpServerResourceAttribute>(typeof(ConformanceResources)))
        {
            resources.Add(McpServerResource.Create(method, target: null));
        }

        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "bastion-conformance", Title = "Bastion conformance server", Version = "1.0.0" },
            ServerInstructions = "A test server: Bastion's HTTP endpoint with the tools, resources and prompts of the MCP conformance suite.",
            ToolCollection = tools,
            PromptCollection = prompts,
            ResourceCollection = resources,
        };
        new ResourceSubscriptions(uri => resources.Any(r => r.IsMatch(uri))).AddTo(options.Handlers);
        Completions.AddTo(options.Handlers);
        LoggingLevelHandler.AddTo(options.Handlers);
        return options;
    }

    private static IEnumerable<MethodInfo> Annotated<TAttribute>(Type type)
        where TAttribute : Attribute =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.GetCustomAttribute<TAttribute>() is not null);
}
