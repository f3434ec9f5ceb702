using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>An SSH public key Cloudways has attached to an app user.</summary>
internal sealed record AppSshKey(
    [property: Description("Cloudways id of the key.")] string? Id,
    [property: Description("The key's label.")] string? Label);
