namespace Bastion.Providers.CloudStack.Api;

/// <summary>How requests prove who sends them.</summary>
public enum CloudStackAuthMode
{
    /// <summary>Every request signed with the API key pair (HMAC-SHA1).</summary>
    ApiKey,

    /// <summary>A session from <c>login</c> (username/password): the JSESSIONID cookie plus the <c>sessionkey</c> parameter.</summary>
    Session,
}
