using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>One SFTP/SSH credential of an app, from <c>GET /app/creds</c> (<c>app_creds[]</c>).</summary>
internal sealed record AppCredential(
    [property: Description("Cloudways id of the credential.")] long? Id,
    [property: Description("SFTP/SSH user name (sys_user).")] string? SysUser,
    [property: Description("Its password (sys_password): a live secret, show it only to the person who asked for it.")] string? SysPassword,
    [property: Description("SSH keys attached to this user: Cloudways key id and label (no key material).")] IReadOnlyList<AppSshKey> SshKeys)
{
    public static AppCredential From(JsonElement credential) => new(
        credential.Long("id"),
        credential.Text("sys_user"),
        credential.Text("sys_password"),
        [.. LenientJson.Values(credential.Field("ssh_keys")).Select(k => new AppSshKey(k.Text("ssh_key_id"), k.Text("label")))]);
}
