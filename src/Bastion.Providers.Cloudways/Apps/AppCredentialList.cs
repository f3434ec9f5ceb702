using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>Result of cloudways_app_credentials.</summary>
internal sealed record AppCredentialList(
    [property: Description("Server of the app.")] long ServerId,
    [property: Description("The app.")] long AppId,
    [property: Description("The app's SFTP/SSH users with their passwords.")] IReadOnlyList<AppCredential> Credentials,
    [property: Description("Reminder of what these values are.")] string Notice);
