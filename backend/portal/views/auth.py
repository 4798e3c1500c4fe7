"""Log in / out for the portal (and the centre's pages); e-mail + password, Django sessions."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy

from ..access import is_moderator, is_producer_manager, membership_for


class PortalLoginView(auth_views.LoginView):
    template_name = "portal/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """Producers land on their overview; centre staff who are not producers on the moderation queue."""
        user = self.request.user
        if membership_for(user) is None and (is_moderator(user) or is_producer_manager(user)):
            return reverse("portal:centre-queue")
        return reverse("portal:home")


class PortalLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("portal:login")
