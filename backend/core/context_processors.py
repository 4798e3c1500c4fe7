from django.conf import settings


def site(request):
    return {"SITE_NAME": "OCOP Thanh Hóa", "PUBLIC_BASE_URL": settings.PUBLIC_BASE_URL}
