// Start Swagger UI 5 (it reads OpenAPI 3.1) on the service's own OpenAPI document; no inline
// script (strict CSP). BaseLayout: no top bar with a box for loading other descriptions.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.spec,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null
  });
});
