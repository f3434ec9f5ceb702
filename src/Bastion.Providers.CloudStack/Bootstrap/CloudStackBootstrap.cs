using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Secrets;
using Bastion.Providers.CloudStack.Api;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Providers.CloudStack.Bootstrap;

/// <summary>
/// Gives Bastion a CloudStack user of its own, as the CloudStack seed server does: with an administrator's login (or a
/// domain administrator's key pair) it finds the service user in the account (<c>listUsers</c>) or creates it
/// (<c>createUser</c>, with a random password nobody keeps: the user signs with keys only), takes its key pair
/// (<c>getUserKeys</c>) or generates one (<c>registerUserKeys</c>), and checks the pair with a signed <c>listZones</c>.
/// Run twice, it finds the same user and keeps its keys.
/// </summary>
public static class CloudStackBootstrap
{
    /// <summary>Runs the bootstrap.</summary>
    /// <param name="request">Endpoint, account, user and the administrator's credentials.</param>
    /// <param name="clock">Signatures' clock; the system's when null.</param>
    /// <param name="cancellationToken">Ends it.</param>
    /// <exception cref="PlatformException">CloudStack refused a step (errorcode and errortext quoted), the name is taken in another account, or the new keys did not work.</exception>
    public static async Task<CloudStackBootstrapResult> RunAsync(CloudStackBootstrapRequest request, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        clock ??= TimeProvider.System;
        var admin = request.AdminApiKey is not null && request.AdminSecretKey is not null
            ? CloudStackSettings.WithKeys(request.Endpoint, request.AdminApiKey, request.AdminSecretKey)
            : request.AdminUsername is not null && request.AdminPassword is not null
                ? CloudStackSettings.WithLogin(request.Endpoint, request.AdminUsername, request.AdminPassword, request.AdminDomain)
                : throw new PlatformException(CloudStackClient.Platform, "bootstrap needs an administrator's login (user name and password) or a domain administrator's key pair.");
        using var client = Client(admin, clock);

        var named = await client.ReadAsync("listUsers", new Dictionary<string, string?> { ["username"] = request.ServiceUser, ["listall"] = "true" }, cancellationToken);
        var users = named.Items("user").Where(u => u.Str("username") == request.ServiceUser).ToList();
        if (users.Count > 0 && users.All(u => u.Str("account") != request.Account))
        {
            throw new PlatformException(CloudStackClient.Platform, $"a user named '{request.ServiceUser}' exists in account '{users[0].Str("account")}', not '{request.Account}'; choose another name with --user, or bootstrap into that account.");
        }

        JsonElement? existing = users.Where(u => u.Str("account") == request.Account).Select(u => (JsonElement?)u).FirstOrDefault();
        var created = existing is null;
        var user = existing ?? (await client.ChangeAsync("createUser", new Dictionary<string, string?>
        {
            ["account"] = request.Account,
            ["username"] = request.ServiceUser,
            ["email"] = $"{request.ServiceUser}@bastion.invalid",
            ["firstname"] = "Bastion",
            ["lastname"] = "MCP server",
            ["password"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
        }, cancellationToken)).Object("user") ?? throw new PlatformException(CloudStackClient.Platform, "createUser answered without the user.");
        var id = user.Str("id") ?? throw new PlatformException(CloudStackClient.Platform, "the service user has no id in CloudStack's answer.");

        var (apiKey, secretKey) = Keys(await client.ReadAsync("getUserKeys", new Dictionary<string, string?> { ["id"] = id }, cancellationToken));
        var generated = apiKey is null || secretKey is null;
        if (generated)
        {
            (apiKey, secretKey) = Keys(await client.ChangeAsync("registerUserKeys", new Dictionary<string, string?> { ["id"] = id }, cancellationToken));
        }

        if (apiKey is null || secretKey is null)
        {
            throw new PlatformException(CloudStackClient.Platform, "registerUserKeys answered without a key pair.");
        }

        using var own = Client(CloudStackSettings.WithKeys(request.Endpoint, apiKey, secretKey), clock);
        var zones = await own.ListAsync("listZones", "zone", new Dictionary<string, string?>(), 1, z => z, cancellationToken);
        return new CloudStackBootstrapResult(id, request.ServiceUser, request.Account, created, generated, apiKey, secretKey, zones.Total);
    }

    private static (string? ApiKey, string? SecretKey) Keys(JsonElement answer) =>
        answer.Object("userkeys") is { } keys ? (keys.Text("apikey"), keys.Text("secretkey")) : (null, null);

    private static CloudStackClient Client(CloudStackSettings settings, TimeProvider clock) =>
        new(() => settings, () => true, new PlatformHttpOptions(), new CloudStackOptions(), clock, new Redactor(), NullLogger<CloudStackClient>.Instance);
}
