using System.Text.Json;
using Bastion.Core.Alerts;
using Bastion.Core.Policy;
using Bastion.Mcp.Security;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Alerts;

/// <summary>
/// The alerts that fire now as an MCP resource, <c>bastion://alerts/firing</c>: the JSON of <c>alerts_list</c> with
/// state firing over all hosts. Readable by principals with <c>metrics:read</c> while the alerts toolset is served; each
/// tenant reads its own store.
/// </summary>
public static class FiringAlertsResource
{
    /// <summary>The resource's URI.</summary>
    public const string Uri = "bastion://alerts/firing";

    /// <summary>The resource, reading from <paramref name="services"/> (the server's or a tenant's container).</summary>
    public static McpServerResource Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<BastionOptions>();
        var local = options.LocalPrincipal();
        return McpServerResource.Create(
            async (RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
            {
                var principal = Caller.Of(request) ?? local;
                if (!options.Toolsets.Admits("alerts") || !principal.Has(Scopes.MetricsRead))
                {
                    throw new McpException($"{Uri} needs the scope '{Scopes.MetricsRead}' and the alerts toolset.");
                }

                var answer = await services.GetRequiredService<AlertReader>().ListAsync(AlertEvent.Firing, null, "all", AlertReader.MaxAlerts, cancellationToken);
                return new TextResourceContents { Uri = Uri, MimeType = "application/json", Text = JsonSerializer.Serialize(answer, BastionJson.Info<AlertsAnswer>()) };
            },
            new McpServerResourceCreateOptions
            {
                UriTemplate = Uri,
                Name = "alerts_firing",
                Title = "Firing alerts",
                Description = "The alerts that fire now (as alerts_list with state firing): rule, host, severity, condition, value, since when.",
                MimeType = "application/json",
                Services = services,
            });
    }
}
