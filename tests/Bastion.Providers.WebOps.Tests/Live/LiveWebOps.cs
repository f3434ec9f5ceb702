namespace Bastion.Providers.WebOps.Tests.Live;

/// <summary>The live WebOps's credentials from the environment, as vault entries.</summary>
internal static class LiveWebOps
{
    public static Dictionary<string, string>? Vault()
    {
        static string? Get(string name) => Environment.GetEnvironmentVariable("BASTION_LIVE_WEBOPS_" + name) is { Length: > 0 } v ? v : null;
        var url = Get("URL");
        var token = Get("TOKEN");
        var (user, password) = (Get("USERNAME"), Get("PASSWORD"));
        if (url is null || (token is null && (user is null || password is null)))
        {
            return null;
        }

        var vault = new Dictionary<string, string> { ["webops/url"] = url };
        if (token is not null)
        {
            vault["webops/token"] = token;
        }

        if (user is not null && password is not null)
        {
            vault["webops/username"] = user;
            vault["webops/password"] = password;
        }

        return vault;
    }
}
