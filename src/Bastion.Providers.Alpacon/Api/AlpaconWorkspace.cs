namespace Bastion.Providers.Alpacon.Api;

/// <summary>One Alpacon workspace Bastion may call: its name, API base URL and token (from the vault).</summary>
/// <param name="Name">The workspace's name, e.g. <c>acme</c>.</param>
/// <param name="BaseUri">The API root, e.g. <c>https://acme.ap1.alpacon.io/</c>.</param>
/// <param name="Token">The workspace API token; never logged, never returned (the redactor knows it).</param>
/// <param name="Region">The region the URL was built from, e.g. <c>ap1</c>; null for a pinned URL.</param>
internal sealed record AlpaconWorkspace(string Name, Uri BaseUri, string Token, string? Region)
{
    /// <summary>Prints without the token.</summary>
    public override string ToString() => $"{Name} ({BaseUri})";
}
