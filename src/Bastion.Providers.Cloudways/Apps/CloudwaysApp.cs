using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>An application on a Cloudways server, from the <c>apps</c> of <c>GET /server</c>. Holds no password.</summary>
internal sealed record CloudwaysApp(
    [property: Description("Cloudways app id.")] long Id,
    [property: Description("Server the app runs on.")] long ServerId,
    [property: Description("The app's label.")] string? Label,
    [property: Description("Application type, e.g. wordpress.")] string? Application,
    [property: Description("Application version, e.g. 6.4.")] string? Version,
    [property: Description("Cloudways' own domain of the app (…cloudwaysapps.com).")] string? Fqdn,
    [property: Description("The app's primary custom domain; null when none.")] string? Cname,
    [property: Description("System user the app's files belong to (its SFTP user name; the password comes only from cloudways_app_credentials).")] string? SysUser,
    [property: Description("Name of the app's MySQL database.")] string? DatabaseName,
    [property: Description("Project the app belongs to (see cloudways_list projects); null when none.")] long? ProjectId,
    [property: Description("Web root under the app's folder; null for the default.")] string? Webroot)
{
    public static CloudwaysApp From(JsonElement app, long serverId) => new(
        app.Long("id") ?? 0,
        app.Long("server_id") ?? serverId,
        app.Text("label"),
        app.Text("application"),
        app.Text("app_version"),
        app.Text("app_fqdn"),
        app.Text("cname"),
        app.Text("sys_user"),
        app.Text("mysql_db_name"),
        app.Long("project_id") is > 0 and var project ? project : null,
        app.Text("webroot"));
}
