using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>The account's projects (<c>GET /project</c> → <c>{"projects": [...]}</c>).</summary>
internal sealed class CloudwaysProjects(CloudwaysClient client)
{
    /// <summary>Every project.</summary>
    public async Task<IReadOnlyList<CloudwaysProject>> ListAsync(CancellationToken cancellationToken) =>
        [.. LenientJson.Values(LenientJson.Field(await client.GetAsync("/project", cancellationToken), "projects")).Select(CloudwaysProject.From)];
}
