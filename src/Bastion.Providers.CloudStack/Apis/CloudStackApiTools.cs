using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>The CloudStack APIs the credentials may call, searched (scope <c>platform:read</c>); cloudstack_api_call calls them.</summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackApiTools(CloudStackApiCalls calls)
{
    [McpServerTool(Name = "cloudstack_apis", Title = "Search the CloudStack APIs", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Search the CloudStack APIs these credentials may call: name, description, async, read or change, parameters. Use before cloudstack_api_call.")]
    public Task<ApiSearchResult> ApisAsync(
        [Description("Only APIs whose name or description contains this, e.g. volume.")][StringLength(100)] string? search = null,
        [Description("Give every match's parameters, not only when one API matches. Default false.")] bool detail = false,
        [Description("Most APIs to return.")][Range(1, 200)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        calls.SearchAsync(string.IsNullOrWhiteSpace(search) ? null : search.Trim(), detail, limit, cancellationToken);
}
