namespace Bastion.Providers.WebOps.Services;

/// <summary>What webops_service_action does. WebOps has no scaling route, so there is no scale action.</summary>
internal enum ServiceAction
{
    Start,
    Stop,
    Restart,
}
