using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Apps;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>What cloudways_server resource details returns: one server from <c>GET /server</c>, without its master password.</summary>
internal sealed record ServerDetails(
    [property: Description("Cloudways server id.")] long Id,
    [property: Description("Bastion host name of the server.")] string Host,
    [property: Description("The server's label.")] string? Label,
    [property: Description("Cloudways' state of the server, e.g. running, stopped.")] string? Status,
    [property: Description("Cloud provider code, e.g. do.")] string? Provider,
    [property: Description("Provider region code, e.g. lon1.")] string? Region,
    [property: Description("Availability zone; null when the provider has none.")] string? Zone,
    [property: Description("Instance size, e.g. 2GB.")] string? Size,
    [property: Description("Size of the server's disk in gigabytes (Cloudways' volume_size).")] double? VolumeSizeGb,
    [property: Description("Public IPv4 address.")] string? PublicIp,
    [property: Description("Cloudways' host name of the server.")] string? Fqdn,
    [property: Description("Operating system image, e.g. debian11.")] string? Platform,
    [property: Description("Master SSH/SFTP user name (its password is not returned).")] string? MasterUser,
    [property: Description("Backup frequency in hours, as Cloudways reports it.")] string? BackupFrequency,
    [property: Description("Whether local backups are kept on the server.")] bool? LocalBackups,
    [property: Description("When the server was created, as Cloudways prints it (no time zone given).")] string? CreatedAt,
    [property: Description("SSH keys attached to the server's master user, when the listing carries them: Cloudways key id and label (no key material).")] IReadOnlyList<AppSshKey> SshKeys,
    [property: Description("The server's apps.")] IReadOnlyList<CloudwaysApp> Apps)
{
    public static ServerDetails From(JsonElement server, string host)
    {
        var id = server.Long("id") ?? 0;
        return new ServerDetails(
            id,
            host,
            server.Text("label"),
            server.Text("status"),
            server.Text("cloud"),
            server.Text("region"),
            server.Text("zone"),
            server.Text("instance_type"),
            server.Num("volume_size"),
            server.Text("public_ip"),
            server.Text("server_fqdn"),
            server.Text("platform"),
            server.Text("master_user"),
            server.Text("backup_frequency"),
            server.Flag("local_backups"),
            server.Text("created_at"),
            [.. LenientJson.Values(server.Field("ssh_keys")).Select(k => new AppSshKey(k.Text("ssh_key_id") ?? k.Text("id"), k.Text("label")))],
            [.. LenientJson.Values(server.Field("apps")).Select(a => CloudwaysApp.From(a, id))]);
    }
}
