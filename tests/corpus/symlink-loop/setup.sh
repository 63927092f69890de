ln -s .. content/schools/loop
