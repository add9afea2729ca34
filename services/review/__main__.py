from common.app import serve_main
from services.review.app import create_app

serve_main(create_app)
