namespace Marketplace.Web;

/// <summary>Anchors the texts of every page: Resources/SharedResource.{fr-FR,en-GB}.resx.</summary>
public sealed class SharedResource;
