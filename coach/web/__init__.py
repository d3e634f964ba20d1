"""The trainee's page (Gradio) and what it needs: views and live sessions."""
