namespace Bastion.Providers.CloudStack.Api;

/// <summary>What an async command answers at once: the job to follow and, for a deploy, the new VM's id.</summary>
/// <param name="JobId">The job's id, for <c>queryAsyncJobResult</c>.</param>
/// <param name="ResourceId">The id of what it creates (deploy answers the VM's id at once); null otherwise.</param>
internal sealed record JobStarted(string JobId, string? ResourceId);
