namespace Bastion.Providers.Cloudways.Tests;

/// <summary>The live account's credentials, from the environment.</summary>
public static class LiveCloudways
{
    public static string? Email => Variable("BASTION_LIVE_CLOUDWAYS_EMAIL");

    public static string? ApiKey => Variable("BASTION_LIVE_CLOUDWAYS_API_KEY");

    public static string? AccessToken => Variable("BASTION_LIVE_CLOUDWAYS_ACCESS_TOKEN");

    /// <summary>Optional base URL (e.g. https://api.cloudways.com/api/v2); default the provider's.</summary>
    public static string? Url => Variable("BASTION_LIVE_CLOUDWAYS_URL");

    public static bool Enabled => AccessToken is not null || (Email is not null && ApiKey is not null);

    /// <summary>The vault entries for the live account.</summary>
    public static Dictionary<string, string> Vault()
    {
        var vault = new Dictionary<string, string>();
        if (AccessToken is { } token)
        {
            vault[CloudwaysVault.AccessToken] = token;
        }
        else
        {
            vault[CloudwaysVault.Email] = Email!;
            vault[CloudwaysVault.ApiKey] = ApiKey!;
        }

        if (Url is { } url)
        {
            vault[CloudwaysVault.Url] = url;
        }

        return vault;
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
