namespace Bastion.Providers.WebOps.Deployments;

/// <summary>The environment a deploy is for; WebOps has no such field, so Bastion passes it to the app as <c>ENVIRONMENT</c>.</summary>
internal enum DeployEnvironment
{
    Development,
    Staging,
    Production,
}
