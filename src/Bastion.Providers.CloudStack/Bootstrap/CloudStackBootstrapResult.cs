namespace Bastion.Providers.CloudStack.Bootstrap;

/// <summary>What bootstrap did. Holds the service user's key pair, for the vault only: never print it.</summary>
/// <param name="UserId">The service user's id (UUID).</param>
/// <param name="Username">Its name.</param>
/// <param name="Account">Its account.</param>
/// <param name="Created">True when this run created it (createUser); false when it was there.</param>
/// <param name="KeysGenerated">True when this run generated its keys (registerUserKeys); false when getUserKeys gave existing ones.</param>
/// <param name="ApiKey">Its API key.</param>
/// <param name="SecretKey">Its secret key.</param>
/// <param name="Zones">Zones a call signed with the new keys saw (listZones): proof the keys work.</param>
public sealed record CloudStackBootstrapResult(string UserId, string Username, string Account, bool Created, bool KeysGenerated, string ApiKey, string SecretKey, int Zones)
{
    /// <summary>Never prints a secret.</summary>
    public override string ToString() => $"{Username} ({UserId}) in account {Account}";
}
